import {useEffect, useRef} from 'react';
import {useStdin} from 'ink';
import {TerminalInputDecoder, type KeyPress} from './terminal-keys.ts';

/**
 * The dashboard's keyboard, instead of Ink's useInput: Ink turns `ESC[31m` (pasted colour codes) into a
 * key without a name and then throws in its own handler ("Cannot read properties of undefined (reading
 * 'startsWith')"), ending the process. Here Ink's input pieces are decoded by TerminalInputDecoder, which
 * takes any byte sequence, and each key press goes to `onKey`. Whatever a handler throws goes to
 * `onError` and the next key is handled as usual: one bad key never ends the dashboard.
 */
export function useTerminalInput(onKey: (press: KeyPress) => void, onError: (error: unknown, press: KeyPress) => void): void {
	const {internal_eventEmitter: emitter, setRawMode} = useStdin();
	const handlers = useRef({onKey, onError});
	handlers.current = {onKey, onError};

	useEffect(() => {
		setRawMode(true);
		return () => {
			setRawMode(false);
		};
	}, [setRawMode]);

	useEffect(() => {
		const decoder = new TerminalInputDecoder();
		let readEnd: NodeJS.Immediate | undefined;
		const onInput = (data: unknown) => {
			// Ink emits the pieces of one terminal read synchronously, one after the other.
			readEnd ??= setImmediate(() => {
				readEnd = undefined;
				decoder.endOfRead();
			});
			for (const press of decoder.decode(String(data))) {
				try {
					handlers.current.onKey(press);
				} catch (error) {
					reportQuietly(handlers.current.onError, error, press);
				}
			}
		};

		emitter.on('input', onInput);
		return () => {
			emitter.off('input', onInput);
			clearImmediate(readEnd);
		};
	}, [emitter]);
}

function reportQuietly(onError: (error: unknown, press: KeyPress) => void, error: unknown, press: KeyPress): void {
	try {
		onError(error, press);
	} catch {
		// Reporting failed too; the next key is still handled.
	}
}
