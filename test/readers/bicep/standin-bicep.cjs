#!/usr/bin/env node
// A stand-in for the Bicep CLI (the real one cannot be installed here). Behaviour by STANDIN_MODE:
//   jsonrpc     `bicep jsonrpc --stdio` answers bicep/compile with STANDIN_OUTPUT[path]
//   build       no jsonrpc (exits 1); `bicep build --stdout <file>` prints STANDIN_OUTPUT[file]
//   fail        every command exits 1 with an error on stderr
//   hang        every command hangs
//   garbage     `build --stdout` prints something that is not JSON
const fs = require('node:fs');
const mode = process.env.STANDIN_MODE || 'jsonrpc';
const outputs = process.env.STANDIN_OUTPUT ? JSON.parse(fs.readFileSync(process.env.STANDIN_OUTPUT, 'utf8')) : {};
const log = process.env.STANDIN_LOG;
if (log) fs.appendFileSync(log, `${process.argv.slice(2).join(' ')}\n`);
const args = process.argv.slice(2);
if (mode === 'hang') setInterval(() => {}, 1000);
else if (mode === 'fail') {
  process.stderr.write('Error BCP000: the stand-in was told to fail\n');
  process.exit(1);
} else if (args[0] === 'jsonrpc') {
  if (mode !== 'jsonrpc') {
    process.stderr.write("Unrecognized command 'jsonrpc'\n");
    process.exit(1);
  }
  let buf = Buffer.alloc(0);
  process.stdin.on('data', (d) => {
    buf = Buffer.concat([buf, d]);
    for (;;) {
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const len = Number(/Content-Length: (\d+)/.exec(buf.subarray(0, end).toString())[1]);
      if (buf.length < end + 4 + len) return;
      const msg = JSON.parse(buf.subarray(end + 4, end + 4 + len).toString());
      buf = buf.subarray(end + 4 + len);
      const contents = outputs[msg.params.path];
      const result = contents ? { success: true, diagnostics: [], contents } : { success: false, diagnostics: [{ level: 'Error', message: "BCP018: Expected the '=' character at this location.", range: { start: { line: 4, char: 7 } } }] };
      const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', id: msg.id, result }));
      process.stdout.write(`Content-Length: ${body.length}\r\n\r\n`);
      process.stdout.write(body);
    }
  });
  process.stdin.on('end', () => process.exit(0));
} else if (args[0] === 'build') {
  const file = args[args.length - 1];
  if (mode === 'garbage') process.stdout.write('Warning: something\n<<not json>>');
  else if (outputs[file]) process.stdout.write(outputs[file]);
  else {
    process.stderr.write(`${file}(5,8) : Error BCP018: Expected the "=" character at this location.\n`);
    process.exit(1);
  }
} else process.exit(2);
