// Run as a child by test/unit/ink-frames-in-place.test.ts, with CI unset (Ink reads it as it loads):
// renders a full-height frame into a fake 20×4 terminal, then again with one line changed, with no
// change, and after a resize; prints what each step wrote, as JSON.
import {EventEmitter} from 'node:events';
import React from 'react';
import {Box, Text, render} from 'ink';

class FakeTerminal extends EventEmitter {
	isTTY = true;
	columns = 20;
	rows = 4;
	written = '';
	write(chunk: string): boolean {
		this.written += chunk;
		return true;
	}
}

function Screen({lines}: {lines: string[]}) {
	return <Box flexDirection="column" height={4}>{lines.map((line, index) => <Text key={index}>{line}</Text>)}</Box>;
}

const stdout = new FakeTerminal();
const settle = async () => new Promise(resolve => {
	setTimeout(resolve, 50);
});
const steps: Record<string, string> = {};
const take = async (name: string) => {
	await settle();
	steps[name] = stdout.written;
	stdout.written = '';
};

const app = render(<Screen lines={['alpha', 'beta', 'gamma', 'clock 1']} />, {stdout: stdout as unknown as NodeJS.WriteStream, patchConsole: false, exitOnCtrlC: false, maxFps: 1000});
await take('first');
app.rerender(<Screen lines={['alpha', 'beta', 'gamma', 'clock 2']} />);
await take('second');
app.rerender(<Screen lines={['alpha', 'beta', 'gamma', 'clock 3']} />);
await take('oneLine');
app.rerender(<Screen lines={['alpha', 'beta', 'gamma', 'clock 3']} />);
await take('same');
stdout.columns = 30;
stdout.emit('resize');
app.rerender(<Screen lines={['alpha', 'beta', 'gamma', 'clock 4']} />);
await take('resized');
app.unmount();
process.stdout.write(JSON.stringify(steps));
