/** etcd's uint64 IDs arrive as decimal strings; etcdctl and operators use 16-digit hex. */
export function decimalIdToHex(decimal: string): string {
	return BigInt(decimal).toString(16);
}

export function hexIdToDecimal(hex: string): string {
	return BigInt(`0x${hex}`).toString(10);
}
