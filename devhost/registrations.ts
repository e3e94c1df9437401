import type { EffectiveFunctionOptions, FunctionInput, FunctionOutput, FunctionTrigger } from '@azure/functions';
import type { CapturedFunction, CoreBinding, CoreFunctionMetadata, CoreHandler } from './functionsCore';

/** What every registration carries: its name, handler and the options an InvocationContext reports. */
export interface BaseRegistration {
  name: string;
  handler: CoreHandler;
  options: EffectiveFunctionOptions;
}

/** An httpTrigger function: the methods it accepts and its route template below the route prefix. */
export interface HttpRegistration extends BaseRegistration {
  kind: 'http';
  methods: string[];
  route: string;
}

/** A timerTrigger function with its NCRONTAB schedule. */
export interface TimerRegistration extends BaseRegistration {
  kind: 'timer';
  schedule: string;
  runOnStartup: boolean;
}

/** An orchestrationTrigger or activityTrigger function of durable-functions. */
export interface DurableRegistration extends BaseRegistration {
  kind: 'orchestration' | 'activity';
}

/** A function whose trigger the devhost does not run (queue, blob, entity, ...). */
export interface OtherRegistration extends BaseRegistration {
  kind: 'other';
  triggerType: string;
}

/** Any registration, told apart by `kind`. */
export type Registration = HttpRegistration | TimerRegistration | DurableRegistration | OtherRegistration;

/** The app as the devhost runs it: every registration, and each kind on its own. */
export interface LoadedApp {
  functions: Registration[];
  http: HttpRegistration[];
  timers: TimerRegistration[];
  orchestrations: DurableRegistration[];
  activities: DurableRegistration[];
}

const RETURN_BINDING = '$return';

function isTriggerType(type: string): boolean {
  return /trigger$/i.test(type);
}

function named(name: string, binding: CoreBinding): FunctionTrigger & FunctionInput & FunctionOutput {
  return { ...binding, name };
}

/** The options an InvocationContext reports for this metadata, as the worker derives them. */
export function effectiveOptions(metadata: CoreFunctionMetadata): EffectiveFunctionOptions {
  let trigger: FunctionTrigger | undefined;
  const options: Omit<EffectiveFunctionOptions, 'trigger'> = { extraInputs: [], extraOutputs: [] };
  for (const [name, binding] of Object.entries(metadata.bindings)) {
    if (isTriggerType(binding.type)) trigger = named(name, binding);
    else if (name === RETURN_BINDING) options.return = named(name, binding);
    else if (binding.direction === 'in') options.extraInputs.push(named(name, binding));
    else options.extraOutputs.push(named(name, binding));
  }
  if (!trigger) throw new Error(`Function "${metadata.name}" has no trigger binding`);
  return { trigger, ...options };
}

function httpFields(name: string, trigger: FunctionTrigger) {
  const methods = Array.isArray(trigger['methods']) ? trigger['methods'].map((m) => String(m).toUpperCase()) : [];
  const route = typeof trigger['route'] === 'string' ? trigger['route'] : name;
  return { kind: 'http' as const, methods: methods.length > 0 ? methods : ['GET', 'POST'], route };
}

function timerFields(name: string, trigger: FunctionTrigger) {
  const schedule = trigger['schedule'];
  if (typeof schedule !== 'string') throw new Error(`Timer function "${name}" has no schedule`);
  return { kind: 'timer' as const, schedule, runOnStartup: trigger['runOnStartup'] === true };
}

function kindFields(name: string, trigger: FunctionTrigger) {
  switch (trigger.type.toLowerCase()) {
    case 'httptrigger':
      return httpFields(name, trigger);
    case 'timertrigger':
      return timerFields(name, trigger);
    case 'orchestrationtrigger':
      return { kind: 'orchestration' as const };
    case 'activitytrigger':
      return { kind: 'activity' as const };
    default:
      return { kind: 'other' as const, triggerType: trigger.type };
  }
}

/** Classifies one captured registration by its trigger. @throws when the metadata has no usable trigger. */
export function toRegistration(captured: CapturedFunction): Registration {
  const { metadata, handler } = captured;
  const options = effectiveOptions(metadata);
  return { name: metadata.name, handler, options, ...kindFields(metadata.name, options.trigger) };
}

/** Groups registrations by kind, keeping registration order. */
export function toLoadedApp(functions: Registration[]): LoadedApp {
  return {
    functions,
    http: functions.filter((f): f is HttpRegistration => f.kind === 'http'),
    timers: functions.filter((f): f is TimerRegistration => f.kind === 'timer'),
    orchestrations: functions.filter((f): f is DurableRegistration => f.kind === 'orchestration'),
    activities: functions.filter((f): f is DurableRegistration => f.kind === 'activity'),
  };
}
