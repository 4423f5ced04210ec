/**
 * Prints a parsed expression back as ARM expression text (without the surrounding brackets), in a
 * canonical form: `fn(a, 'b''c', 1).prop['key'][0]`. Used for Unknown reasons when the original text
 * is not at hand, and to check that parsing is faithful.
 */
import type { ExprNode } from './api';

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function quoteString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function formatExpression(node: ExprNode): string {
  switch (node.kind) {
    case 'string':
      return quoteString(node.value);
    case 'number':
      return String(node.value);
    case 'call':
      return `${node.namespace ? `${node.namespace}.` : ''}${node.name}(${node.args.map(formatExpression).join(', ')})`;
    case 'member': {
      const object = formatExpression(node.object);
      const p = node.property;
      if (p.kind === 'string' && IDENT.test(p.value)) return `${object}.${p.value}`;
      return `${object}[${formatExpression(p)}]`;
    }
  }
}
