/** 1-based line and column (in UTF-16 code units, SARIF's default) of offsets in a file's text. */
export interface Position {
  line: number;
  column: number;
}

/** The position of one offset (a syntax error, a binary file's first NUL). */
export function positionAt(text: string, offset: number): Position {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/** Positions of many offsets in one text: the line starts are found once, each lookup is a binary search. */
export function positionsIn(text: string): (offset: number) => Position {
  return lineIndex(text).positionOf;
}

/** A text's lines, found once: the position of an offset (a binary search), and the offset a 1-based line starts at. */
export function lineIndex(text: string): { positionOf: (offset: number) => Position; lineStart: (line: number) => number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const lineStart = (line: number) => starts[Math.min(Math.max(line, 1), starts.length) - 1];
  const positionOf = (offset: number): Position => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  };
  return { positionOf, lineStart };
}
