import { catalogue, type ProblemCode } from './catalogue';

/** One field-level error inside a problem: where (JSON pointer) and what is wrong. */
export interface FieldError {
  pointer: string;
  message: string;
}

/** Options of a problem beyond its code. */
export interface ProblemOptions {
  detail?: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
  extensions?: Record<string, unknown>;
}

/**
 * An error the API answers with as application/problem+json. Throw it anywhere below a handler; the
 * pipeline renders it. The detail and errors may carry user input, so they are never sent to telemetry.
 */
export class Problem extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldError[];
  readonly headers: Record<string, string>;
  readonly extensions: Record<string, unknown>;

  constructor(
    readonly code: ProblemCode,
    options: ProblemOptions = {},
  ) {
    const entry = catalogue[code];
    super(options.detail ?? entry.detail);
    this.name = 'Problem';
    this.status = entry.status;
    this.title = entry.title;
    this.detail = options.detail ?? entry.detail;
    this.errors = options.errors ?? [];
    this.headers = options.headers ?? {};
    this.extensions = options.extensions ?? {};
  }
}

/** The JSON body of a problem response (RFC 9457 plus code, requestId and errors). */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: ProblemCode;
  requestId: string;
  errors: FieldError[];
  [extension: string]: unknown;
}

/** Media type of every error response. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The `type` URI of a problem code; documented in docs/errors.md. */
export function problemType(code: ProblemCode): string {
  return `https://signoff.dev/problems/${code.replace(/_/g, '-')}`;
}

/** Renders a problem as its response body; `instance` is the request path. */
export function problemBody(problem: Problem, instance: string, requestId: string): ProblemBody {
  return {
    ...problem.extensions,
    type: problemType(problem.code),
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    instance,
    code: problem.code,
    requestId,
    errors: problem.errors,
  };
}
