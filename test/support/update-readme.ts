// npm run readme: rewrites README.md's generated sections (keymap, --help) from the source.
import {readFileSync, writeFileSync} from 'node:fs';
import {withGeneratedSections} from './readme-sections.ts';

const file = new URL('../../README.md', import.meta.url);
writeFileSync(file, withGeneratedSections(readFileSync(file, 'utf8')));
