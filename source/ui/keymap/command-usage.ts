import type {Binding} from './binding.ts';

/** How help, the README and messages write a binding's `:` command: `:promote MEMBER`, `:keys [PREFIX]`. */
export function commandUsage(binding: Binding): string {
	const args = (binding.args ?? []).map(arg => (arg.optional === true ? `[${arg.name}]` : arg.name));
	return [`:${binding.name ?? binding.command}`, ...args].join(' ');
}
