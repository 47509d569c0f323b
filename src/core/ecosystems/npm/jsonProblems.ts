import { ParseErrorCode, visit } from 'jsonc-parser';
import { LineIndex, ZERO_RANGE } from '../../positions';
import type { ParseProblem } from './common';
import { jsonTooDeepAt, tooDeepMessage } from '../../nesting';

/**
 * Explains why JSON.parse refused `text`. JSON.parse's own messages differ between Node versions
 * and give an offset at best, so the text is re-read with jsonc-parser (strict JSON: no comments,
 * no trailing commas) only on this slow path, and its first error is reported: after the first
 * syntax error the parser's recovery produces follow-up errors that only confuse.
 */
export function jsonSyntaxProblem(text: string): ParseProblem {
  if (text.trim() === '' || text === '\ufeff') return { message: 'The file is empty; expected a JSON object', range: ZERO_RANGE };
  // jsonc-parser does not skip a byte-order mark; a space of the same length keeps offsets exact.
  const src = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  // jsonc-parser's visit recurses once per level.
  const deep = jsonTooDeepAt(src);
  if (deep !== undefined) return { message: tooDeepMessage('This JSON file'), range: new LineIndex(text).range(deep, deep + 1) };
  const containers: Array<'object' | 'array'> = [];
  let first: { code: ParseErrorCode; offset: number; length: number; container: 'object' | 'array' | undefined } | undefined;
  visit(
    src,
    {
      onObjectBegin: () => void containers.push('object'),
      onObjectEnd: () => void containers.pop(),
      onArrayBegin: () => void containers.push('array'),
      onArrayEnd: () => void containers.pop(),
      onError: (code, offset, length) => {
        first ??= { code, offset, length, container: containers[containers.length - 1] };
      },
    },
    { disallowComments: true, allowTrailingComma: false },
  );
  // jsonc-parser accepted what JSON.parse refused: rare enough that a plain message will do.
  if (!first) return { message: 'Invalid JSON', range: ZERO_RANGE };
  const lines = new LineIndex(text);
  return {
    message: describe(first.code, first.container, src, first.offset),
    range: lines.range(first.offset, Math.min(text.length, first.offset + first.length)),
  };
}

function describe(code: ParseErrorCode, container: 'object' | 'array' | undefined, text: string, offset: number): string {
  switch (code) {
    case ParseErrorCode.CommaExpected:
      if (container === 'object') return 'Expected a comma or closing brace';
      if (container === 'array') return 'Expected a comma or closing bracket';
      return 'Expected a comma';
    case ParseErrorCode.CloseBraceExpected:
      return 'Expected a comma or closing brace';
    case ParseErrorCode.CloseBracketExpected:
      return 'Expected a comma or closing bracket';
    case ParseErrorCode.PropertyNameExpected:
      return followsComma(text, offset) ? 'Trailing commas are not allowed in JSON' : 'Expected a property name in double quotes';
    case ParseErrorCode.ValueExpected:
      if (followsComma(text, offset) && /[\]}]/.test(text.charAt(offset))) return 'Trailing commas are not allowed in JSON';
      return offset >= text.length ? 'Unexpected end of file; expected a value' : 'Expected a value';
    case ParseErrorCode.ColonExpected:
      return 'Expected a colon after the property name';
    case ParseErrorCode.EndOfFileExpected:
      return 'Expected the end of the file after the top-level value';
    case ParseErrorCode.InvalidSymbol:
      return `Unexpected ${JSON.stringify(text.slice(offset, offset + 20).split(/[\s,:{}[\]]/)[0] || text.charAt(offset))}; expected a JSON value`;
    case ParseErrorCode.InvalidNumberFormat:
    case ParseErrorCode.UnexpectedEndOfNumber:
      return 'Invalid number';
    case ParseErrorCode.InvalidCommentToken:
    case ParseErrorCode.UnexpectedEndOfComment:
      return 'Comments are not allowed in JSON';
    case ParseErrorCode.UnexpectedEndOfString:
      return 'Unterminated string';
    case ParseErrorCode.InvalidUnicode:
      return 'Invalid \\u escape in string';
    case ParseErrorCode.InvalidEscapeCharacter:
      return 'Invalid escape character in string';
    case ParseErrorCode.InvalidCharacter:
      return 'Control characters must be escaped in JSON strings';
    default:
      return 'Invalid JSON';
  }
}

function followsComma(text: string, offset: number): boolean {
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text.charAt(i))) i--;
  return text.charAt(i) === ',';
}
