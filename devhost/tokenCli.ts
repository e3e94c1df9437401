import { acquireEntraToken } from './identity/entraDeviceCode';
import { signDevToken } from './identity/provider';
import { parseTokenArgs, TOKEN_USAGE, type TokenCommand } from './identity/tokenArgs';
import { UsageError } from './identity/usageError';

async function run(command: TokenCommand): Promise<string | undefined> {
  if (command.mode === 'help') {
    process.stdout.write(TOKEN_USAGE);
    return undefined;
  }
  if (command.mode === 'entra') return acquireEntraToken(command.settings, (m) => process.stderr.write(`${m}\n`));
  const { keyDir, tenantId, audience, options } = command;
  return signDevToken(keyDir, options, { tenantId, audience });
}

/** `npm run -s token -- --user alice --roles Signoff.Requester`: prints one access token on stdout. */
async function main(): Promise<void> {
  try {
    const token = await run(parseTokenArgs(process.argv.slice(2)));
    if (token !== undefined) process.stdout.write(`${token}\n`);
  } catch (error) {
    const usage = error instanceof UsageError;
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    if (usage) process.stderr.write('Run with --help for the flags.\n');
    process.exitCode = usage ? 2 : 1;
  }
}

void main();
