/**
 * The floor of the enterprise-scale case of the benchmark: the least any exporter must do with a users
 * report, a plain node:http download of the file and `JSON.parse` of every line, nothing kept.
 *
 * Run by bench/run.ts as a child process (compiled, as the exporter is, so that both carry the same
 * runtime overhead in their peak RSS), with the download link in FLOOR_URL. It prints one JSON
 * line when done and then stays alive until killed, so that its peak RSS can be read from /proc.
 */
import { get } from 'node:http';

const url = process.env.FLOOR_URL;
if (!url) throw new Error('FLOOR_URL is not set');

const started = performance.now();
let rows = 0;
let rest = '';
get(url, (res) => {
  if (res.statusCode !== 200) throw new Error(`download answered ${res.statusCode}`);
  // Decodes UTF-8 across chunk boundaries.
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    const text = rest + chunk;
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      JSON.parse(text.slice(start, end));
      rows += 1;
      start = end + 1;
    }
    rest = text.slice(start);
  });
  res.on('end', () => {
    if (rest !== '') {
      JSON.parse(rest);
      rows += 1;
    }
    console.log(JSON.stringify({ msg: 'floor done', ms: performance.now() - started, rows }));
    setInterval(() => undefined, 60_000);
  });
}).on('error', (error) => {
  throw error;
});
