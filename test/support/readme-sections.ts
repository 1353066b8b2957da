import {helpText} from '../../source/config/flags.ts';
import {commandTable} from '../../source/ui/app/keymap.ts';
import {keymapMarkdown} from '../../source/ui/keymap/keymap-markdown.ts';
import {contextFieldsMarkdown} from '../../source/config/contexts/context-fields-markdown.ts';
import {scenariosMarkdown} from '../../source/demo/scenarios.ts';

/** README sections written from the source: name → content between `<!-- name:start -->` and `<!-- name:end -->`. */
export const generatedSections: Record<string, () => string> = {
	keymap: () => keymapMarkdown(commandTable),
	contexts: contextFieldsMarkdown,
	'demo-scenarios': scenariosMarkdown,
	help: () => ['```', helpText.replace(/^\n/, '').replace(/\s+$/, ''), '```'].join('\n'),
};

/** The content of a generated section as the README has it, or undefined without its markers. */
export function sectionOf(readme: string, name: string): string | undefined {
	const match = new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)\\n<!-- ${name}:end -->`).exec(readme);
	return match?.[1];
}

/** The README with every generated section rewritten from the source. */
export function withGeneratedSections(readme: string): string {
	let result = readme;
	for (const [name, generate] of Object.entries(generatedSections)) {
		if (sectionOf(result, name) === undefined) {
			throw new Error(`README.md lacks the <!-- ${name}:start --> / <!-- ${name}:end --> markers`);
		}

		result = result.replace(new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(\\n<!-- ${name}:end -->)`), (_, start: string, end: string) => `${start}${generate()}${end}`);
	}

	return result;
}
