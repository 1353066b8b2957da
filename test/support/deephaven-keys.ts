/**
 * A key space shaped like a Deephaven install's: everything under /main/, properties under
 * /main/config/props (a few hundred, as the recovery guide says), schemas by namespace, persistent
 * queries with config and state, ACLs. `count` keys in all; the figures per prefix are returned so a
 * test can check counts without asking etcd.
 */
export function deephavenKeys(count: number): {entries: Array<[string, string]>; perPrefix: Map<string, number>} {
	const entries: Array<[string, string]> = [];
	const add = (key: string, value: string) => {
		entries.push([key, value]);
	};

	for (let index = 0; index < 300; index++) {
		add(`/main/config/props/iris-${String(index).padStart(3, '0')}.prop`, `# properties file ${index}\nIrisDB.setting${index}=true\n`);
	}

	for (let index = 0; index < 40; index++) {
		add(`/main/config/routing/route-${index}.yml`, `dataImportServers:\n  db_dis_${index}:\n    host: dis-${index}\n`);
	}

	for (let index = 0; index < 200; index++) {
		add(`/main/acl/users/user${index}`, JSON.stringify({groups: ['allusers', `team${index % 7}`]}));
		add(`/main/acl/groups/group${index}`, JSON.stringify({members: index}));
	}

	let serial = 0;
	while (entries.length < count) {
		const remaining = count - entries.length;
		if (serial % 3 === 0 || remaining < 2) {
			add(`/main/schema/Namespace${serial % 25}/Table${serial}.schema`, `<Table name="Table${serial}" namespace="Namespace${serial % 25}"/>`);
		} else {
			const id = 1_700_000_000 + serial;
			add(`/main/pq/${id}/config`, JSON.stringify({name: `query-${serial}`, serial: id, heapGb: 4}));
			add(`/main/pq/${id}/state`, JSON.stringify({status: 'Running', worker: `worker_${serial % 50}`}));
		}

		serial++;
	}

	const perPrefix = new Map<string, number>();
	for (const [key] of entries) {
		const parts = key.split('/');
		for (const depth of [3, 4]) {
			if (parts.length > depth) {
				const prefix = `${parts.slice(0, depth).join('/')}/`;
				perPrefix.set(prefix, (perPrefix.get(prefix) ?? 0) + 1);
			}
		}
	}

	return {entries, perPrefix};
}
