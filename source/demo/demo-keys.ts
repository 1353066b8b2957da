/**
 * Example keys shaped like a Deephaven install's: properties files, table schemas, persistent query
 * configurations and ACL groups, a few hundred in all.
 */
export function demoKeys(): Array<[string, string]> {
	const keys: Array<[string, string]> = [];
	const components = ['iris-common', 'iris-defaults', 'iris-environment', 'query-server', 'merge-server', 'tailer', 'db-acl-write-server', 'controller', 'web-api', 'log-aggregator'];
	for (const component of components) {
		for (let version = 1; version <= 3; version++) {
			keys.push([`/main/config/props/${component}.prop/v${version}`, [
				`# ${component} properties, revision ${version}`,
				`${component}.port=${22_000 + version}`,
				`${component}.heap=${4 * version}g`,
				`${component}.log.level=${version === 3 ? 'DEBUG' : 'INFO'}`,
			].join('\n')]);
		}
	}

	const namespaces = ['Market', 'Risk', 'Orders', 'Reference', 'DbInternal'];
	for (const namespace of namespaces) {
		for (let table = 1; table <= 24; table++) {
			const name = `${namespace}Table${String(table).padStart(2, '0')}`;
			keys.push([`/main/schema/${namespace}/${name}`, `<Table name="${name}" namespace="${namespace}" storageType="NestedPartitionedOnDisk">\n  <Partitions keyFormula="__PARTITION_AUTOBALANCE_SINGLE__"/>\n  <Column name="Date" dataType="String" columnType="Partitioning"/>\n  <Column name="Timestamp" dataType="DateTime"/>\n  <Column name="Sym" dataType="String"/>\n  <Column name="Price" dataType="double"/>\n</Table>`]);
		}
	}

	for (let serial = 1; serial <= 120; serial++) {
		keys.push([`/main/pq/${1_700_000_000_000 + serial}`, JSON.stringify({
			serial: 1_700_000_000_000 + serial,
			name: `Dashboard-${serial}`,
			owner: serial % 3 === 0 ? 'risk-team' : 'iris',
			enabled: serial % 7 !== 0,
			heapGb: 4 + (serial % 4) * 2,
			server: `query-${(serial % 4) + 1}`,
			restartUsers: 'RU_ADMIN',
			schedule: {type: 'Daily', start: '08:00:00', stop: '17:00:00', timezone: 'America/New_York'},
		})]);
	}

	for (const group of ['iris-superusers', 'iris-schemamanagers', 'iris-datamanagers', 'risk-team', 'allusers']) {
		keys.push([`/main/acl/groups/${group}`, JSON.stringify({group, members: [`${group}-admin`, 'iris'], roles: group === 'allusers' ? ['schema-ro'] : ['pq-rw', 'schema-ro']})]);
	}

	return keys;
}
