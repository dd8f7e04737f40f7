// Fan-out latency: N viewers follow one document through /hubs/documents; a writer saves K times; for each
// save and viewer, latency = the viewer's receipt of VersionBumped minus the moment the save's HTTP response
// arrived (on loopback, within a fraction of a millisecond of when it was sent), after 5 warm-up saves.
// Usage: node fanout.mjs URL N [K]
import * as signalR from '@microsoft/signalr';
import { performance } from 'node:perf_hooks';

const [url, viewerArg, savesArg] = process.argv.slice(2);
const viewers = Number(viewerArg);
const saves = Number(savesArg ?? 40);

const created = await fetch(`${url}/api/documents`, {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: `fanout ${viewers}`, content: 'v1\n' }),
}).then(r => r.json());

// Behind scripts/cluster.sh's nginx, which is sticky by a route cookie and says which server answered: one cookie
// value per server, found by asking, and the viewers dealt out evenly over them. Elsewhere: no cookie.
const routes = await findRoutes(url);
if (routes.length > 1) {
  const per = routes.map((r, k) => `${r.upstream}: ${Math.floor(viewers / routes.length) + (k < viewers % routes.length ? 1 : 0)}`);
  console.error(`viewers per server: ${per.join(', ')}`);
}

const receipts = new Map(); // version -> [receipt times]
const connections = [];
for (let i = 0; i < viewers; i++) {
  const route = routes[i % routes.length];
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(`${url}/hubs/documents?name=viewer${i}`, {
      transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true,
      headers: route.cookie ? { Cookie: `collabedit_route=${route.cookie}` } : {},
    })
    .configureLogging(signalR.LogLevel.Error)
    .build();
  connection.on('VersionBumped', bump => {
    const at = performance.now();
    if (!receipts.has(bump.version)) receipts.set(bump.version, []);
    receipts.get(bump.version).push(at);
  });
  await connection.start();
  await connection.invoke('JoinDocument', created.id);
  connections.push(connection);
}

const responded = new Map(); // version -> response time
let version = 1;
const warmUp = 5; // the first saves pay for JIT compilation: not counted
for (let s = 0; s < saves + warmUp; s++) {
  const response = await fetch(`${url}/api/documents/${created.id}`, {
    method: 'PUT', headers: { 'content-type': 'application/json', 'x-author': 'bench' },
    body: JSON.stringify({ content: `v${version + 1}\n`, baseVersion: version }),
  });
  const at = performance.now();
  const saved = await response.json();
  version = saved.version;
  if (s >= warmUp) responded.set(version, at);
  await new Promise(resolve => setTimeout(resolve, 50)); // one save at a time, as people save
}

// Wait until every viewer has every bump (or 5 s).
const deadline = performance.now() + 5000;
while (performance.now() < deadline && [...responded.keys()].some(v => (receipts.get(v)?.length ?? 0) < viewers)) {
  await new Promise(resolve => setTimeout(resolve, 20));
}

const latencies = [];
let missing = 0;
for (const [v, at] of responded) {
  const got = receipts.get(v) ?? [];
  missing += viewers - got.length;
  for (const t of got) latencies.push(t - at);
}
latencies.sort((a, b) => a - b);
const pct = p => latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)];
const ms = x => x.toFixed(2);
console.log(`| ${viewers} | ${saves} | ${latencies.length} | ${missing} | ${ms(pct(0.5))} | ${ms(pct(0.99))} | ${ms(latencies[latencies.length - 1])} |`);
await Promise.all(connections.map(c => c.stop()));
process.exit(0);

async function findRoutes(base) {
  const byUpstream = new Map();
  for (let i = 0; i < 64; i++) {
    const response = await fetch(`${base}/health`, { headers: { cookie: `collabedit_route=bench${i}` } });
    const upstream = response.headers.get('x-collabedit-upstream');
    await response.arrayBuffer();
    if (!upstream) return [{ cookie: null, upstream: 'direct' }];
    if (!byUpstream.has(upstream)) byUpstream.set(upstream, `bench${i}`);
  }
  return [...byUpstream].map(([upstream, cookie]) => ({ cookie, upstream }));
}
