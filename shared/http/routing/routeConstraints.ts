/** A compiled inline route constraint: true when a route value satisfies it. */
export type RouteConstraint = (value: string) => boolean;

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
const INT64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };
const INTEGER = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const GUID_D = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const GUID_N = /^[0-9a-f]{32}$/i;

function inInt64(value: string): boolean {
  if (!INTEGER.test(value)) return false;
  const n = BigInt(value);
  return n >= INT64.min && n <= INT64.max;
}

function isGuid(value: string): boolean {
  const inner = /^\{.*\}$|^\(.*\)$/.test(value) ? value.slice(1, -1) : value;
  return GUID_D.test(inner) || (inner === value && GUID_N.test(value));
}

const simple: Record<string, RouteConstraint> = {
  int: (v) => INTEGER.test(v) && Number(v) >= INT32.min && Number(v) <= INT32.max,
  long: inInt64,
  bool: (v) => /^(true|false)$/i.test(v),
  guid: isGuid,
  alpha: (v) => /^[a-z]+$/i.test(v),
  double: (v) => FLOAT.test(v),
  float: (v) => FLOAT.test(v),
  decimal: (v) => DECIMAL.test(v),
  datetime: (v) => !Number.isNaN(Date.parse(v)),
};

function numbers(name: string, args: string, count: number[]): number[] {
  const values = args.split(',').map((a) => Number(a.trim()));
  if (!count.includes(values.length) || values.some((v) => !Number.isInteger(v))) {
    throw new Error(`Route constraint ${name}(${args}) needs ${count.join(' or ')} integer argument(s)`);
  }
  return values;
}

function withArguments(name: string, args: string): RouteConstraint | undefined {
  const asNumber = (v: string) => (INTEGER.test(v) ? Number(v) : Number.NaN);
  switch (name) {
    case 'min': {
      const [min] = numbers(name, args, [1]) as [number];
      return (v) => asNumber(v) >= min;
    }
    case 'max': {
      const [max] = numbers(name, args, [1]) as [number];
      return (v) => asNumber(v) <= max;
    }
    case 'range': {
      const [min, max] = numbers(name, args, [2]) as [number, number];
      return (v) => asNumber(v) >= min && asNumber(v) <= max;
    }
    case 'minlength': {
      const [min] = numbers(name, args, [1]) as [number];
      return (v) => v.length >= min;
    }
    case 'maxlength': {
      const [max] = numbers(name, args, [1]) as [number];
      return (v) => v.length <= max;
    }
    case 'length': {
      const [min, max = min] = numbers(name, args, [1, 2]) as [number, number?];
      return (v) => v.length >= min && v.length <= max;
    }
    default:
      return undefined;
  }
}

/**
 * Compiles one inline constraint of an ASP.NET Core route template ('int', 'guid', 'alpha', 'min(1)',
 * 'length(2,8)', ...). @throws on a constraint the devhost does not know (regex() among them), so a
 * route the host would read differently fails at startup instead of matching loosely.
 */
export function compileConstraint(text: string): RouteConstraint {
  const call = /^([a-z]+)\((.*)\)$/i.exec(text);
  const name = (call ? call[1]! : text).toLowerCase();
  const constraint = call ? withArguments(name, call[2]!) : simple[name];
  if (!constraint) throw new Error(`Unsupported route constraint "${text}"`);
  return constraint;
}
