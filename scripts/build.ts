// npm run build (and npm pack / npm publish, through "prepack"): dist/bin/, the command as installed.
import {buildCommand} from './build-bundle.ts';

process.stdout.write(`built ${await buildCommand()}\n`);
