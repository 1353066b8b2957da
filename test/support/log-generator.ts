import {ordinaryLines, zapTroubles} from './etcd-log-fixtures.ts';

/**
 * Prints etcd-like zap log lines at a steady rate until killed: `node --import tsx log-generator.ts
 * LINES_PER_SECOND`. The lines are real etcd 3.4 lines (ordinary ones and trouble signs) with the time
 * of printing and a sequence number, so every line is new to the reader.
 */
const linesPerSecond = Number(process.argv[2] ?? 300);
const ticksPerSecond = 20;
const templates = [...ordinaryLines.filter(line => line.startsWith('{')), ...zapTroubles.map(fixture => fixture.line)];
let sequence = 0;

setInterval(() => {
	const batch: string[] = [];
	for (let index = 0; index < linesPerSecond / ticksPerSecond; index++) {
		const template = templates[sequence % templates.length]!;
		sequence += 1;
		batch.push(template.replace(/"ts":"[^"]*"/, `"ts":"${new Date().toISOString()}","seq":${sequence}`));
	}

	process.stdout.write(`${batch.join('\n')}\n`);
}, 1000 / ticksPerSecond);
