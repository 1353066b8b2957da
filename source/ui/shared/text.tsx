import React, {Children, cloneElement, Fragment, isValidElement, type ReactElement, type ReactNode} from 'react';
import {Text as InkText, type TextProps} from 'ink';
import {safeSgrText, safeText} from '../../model/shared/safe-text.ts';

/**
 * Ink's Text with every string it is given passed through the sanitizer (source/model/safe-text.ts):
 * a member name, key, value, log line or error message can never move the cursor, set the title, ring
 * the bell, overwrite a line or reorder what is shown. The dashboard draws all its text through this
 * component (the lint forbids Ink's own Text in source/); Ink keeps the colours, given as props. The
 * escaped text is what Ink measures, so truncation and wrapping count what is really drawn.
 */
export function Text({children, ...props}: TextProps) {
	return <InkText {...props}>{sanitizeChildren(children)}</InkText>;
}

/**
 * One line of etcdeck's own drawing that comes coloured with SGR sequences (the asciichart plot): the
 * colours are kept, anything else is sanitized like Text's strings.
 */
export function ColouredLine({line, ...props}: Omit<TextProps, 'children'> & {line: string}) {
	return <InkText {...props}>{safeSgrText(line)}</InkText>;
}

function sanitizeChildren(children: ReactNode): ReactNode {
	return Children.map(children, child => {
		if (typeof child === 'string') {
			return safeText(child);
		}

		// A fragment's strings are the Text's own strings: Ink squashes them into the same line.
		if (isValidElement(child) && child.type === Fragment) {
			const fragment = child as ReactElement<{children?: ReactNode}>;
			return cloneElement(fragment, {}, sanitizeChildren(fragment.props.children));
		}

		return child;
	});
}
