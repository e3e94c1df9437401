import type { InvocationContext } from '@azure/functions';
import { capturedHooks, type CoreHandler } from './functionsCore';

/** Data the app's hooks share across the whole app, as the worker keeps it. */
const appHookData: Record<string, unknown> = {};

/**
 * Runs every appStart or appTerminate hook the app registered, in order, awaiting each.
 * @throws the first hook failure.
 */
export async function runAppHooks(hookName: 'appStart' | 'appTerminate', functionAppDirectory: string): Promise<void> {
  for (const callback of capturedHooks(hookName)) {
    await callback({ hookData: appHookData, appHookData, functionAppDirectory });
  }
}

async function runPostHooks(core: Record<string, unknown>): Promise<unknown> {
  for (const callback of capturedHooks('postInvocation')) await callback(core);
  if (core['error'] !== undefined && core['error'] !== null) throw core['error'];
  return core['result'];
}

/**
 * Invokes a handler the way the worker does: preInvocation hooks may replace the handler or its inputs,
 * postInvocation hooks see (and may replace) the result or the error.
 * @throws what the handler threw, unless a postInvocation hook cleared it.
 */
export async function invokeWithHooks(
  handler: CoreHandler,
  inputs: unknown[],
  context: InvocationContext,
): Promise<unknown> {
  const core: Record<string, unknown> = {
    hookData: {},
    appHookData,
    invocationContext: context,
    inputs,
    functionCallback: handler,
  };
  for (const callback of capturedHooks('preInvocation')) await callback(core);

  const callback = core['functionCallback'] as CoreHandler;
  const finalInputs = core['inputs'] as unknown[];
  try {
    core['result'] = await callback(...finalInputs, context);
  } catch (error) {
    core['error'] = error;
  }
  return runPostHooks(core);
}
