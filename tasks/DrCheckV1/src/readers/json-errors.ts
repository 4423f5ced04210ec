/** jsonc-parser's error codes in words, for the JSON readers' messages (ARM templates, Terraform's JSON syntax). */
import { printParseErrorCode, type ParseErrorCode } from 'jsonc-parser';

const ERROR_WORDS: Record<string, string> = {
  InvalidSymbol: 'invalid character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'property name expected',
  ValueExpected: 'value expected',
  ColonExpected: "':' expected",
  CommaExpected: "',' expected",
  CloseBraceExpected: "'}' expected",
  CloseBracketExpected: "']' expected",
  EndOfFileExpected: 'end of file expected',
  InvalidCommentToken: 'invalid comment',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in string',
};

/** What a JSON syntax error is, in words (`':' expected`). */
export function jsonErrorWords(error: ParseErrorCode): string {
  const code = printParseErrorCode(error);
  return ERROR_WORDS[code] ?? code;
}
