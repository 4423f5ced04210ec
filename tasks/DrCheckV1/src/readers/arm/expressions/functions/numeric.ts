/**
 * Numeric functions (https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-numeric):
 * add, sub, mul, div, mod over integers. `div` truncates toward zero and `mod` takes the sign of the
 * dividend, as .NET's 64-bit integer operators do; results beyond exact JavaScript integers are errors.
 */
import type { Value } from '../../../../../../../shared/model/value';
import { fail } from '../errors';
import { asInt } from '../values';
import { eager, type FunctionDef } from './types';

function checked(n: number): number {
  if (!Number.isSafeInteger(n)) fail('the result overflows the integer range');
  return n === 0 ? 0 : n; // no -0
}

function operands(args: Value[]): [number, number] {
  return [asInt(args[0], 'the first operand'), asInt(args[1], 'the second operand')];
}

function divisor(b: number): number {
  return b === 0 ? fail('cannot divide by zero') : b;
}

export const NUMERIC_FUNCTIONS: Record<string, FunctionDef> = {
  add: eager(2, 2, (args) => {
    const [a, b] = operands(args);
    return checked(a + b);
  }),
  sub: eager(2, 2, (args) => {
    const [a, b] = operands(args);
    return checked(a - b);
  }),
  mul: eager(2, 2, (args) => {
    const [a, b] = operands(args);
    return checked(a * b);
  }),
  div: eager(2, 2, (args) => {
    const [a, b] = operands(args);
    return checked(Math.trunc(a / divisor(b)));
  }),
  mod: eager(2, 2, (args) => {
    const [a, b] = operands(args);
    return checked(a % divisor(b));
  }),
};
