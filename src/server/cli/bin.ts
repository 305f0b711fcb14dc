/** The process around runCli (bin/faltsam.js loads this through tsx). */
import { runCli } from './main';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const code = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  stdin: readStdin,
  env: process.env,
});
// Exit once the output is written, whatever the database drivers still hold open.
process.stdout.write('', () => process.exit(code));
