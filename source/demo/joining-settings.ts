/**
 * What an operator hands a node that joins an existing cluster: etcd flags (`--name=etcd-4`) and
 * `ETCD_*` variables (an etcd.conf), used as given.
 */
export interface JoiningSettings {
	flags?: readonly string[];
	environment?: Readonly<Record<string, string>>;
}

/** One setting by etcd's name for it: its flag (`--name=VALUE`) or else its variable (`ETCD_NAME`). */
export function joiningSetting(settings: JoiningSettings, name: string): string {
	const flag = settings.flags?.find(each => each.startsWith(`--${name}=`))?.slice(name.length + 3);
	const value = flag ?? settings.environment?.[`ETCD_${name.toUpperCase().replaceAll('-', '_')}`];
	if (value === undefined || value === '') {
		throw new Error(`the joining settings give no ${name}`);
	}

	return value;
}
