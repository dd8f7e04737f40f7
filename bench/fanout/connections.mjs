// One client (one address: in open mode the caps are per address, as per account when signed in) opens N
// documents-hub connections, AT_ONCE at a time, and reports how many were held and refused.
// Usage: node connections.mjs URL N [AT_ONCE]; prints one JSON line. Keeps them open until stdin closes.
import * as signalR from '@microsoft/signalr';

const [url, countArg, atOnceArg] = process.argv.slice(2);
const count = Number(countArg);
const atOnce = Number(atOnceArg ?? 50);
const held = [];
let refused = 0;
let next = 0;
const started = Date.now();

async function worker() {
  while (next < count) {
    next++;
    const connection = new signalR.HubConnectionBuilder()
      .withUrl(`${url}/hubs/documents?name=eve`, { transport: signalR.HttpTransportType.WebSockets })
      .configureLogging(signalR.LogLevel.None)
      .build();
    let closed = false;
    connection.onclose(() => { closed = true; });
    try {
      await connection.start();
      held.push({ connection, isClosed: () => closed });
    } catch {
      refused++;
    }
  }
}

await Promise.all(Array.from({ length: atOnce }, worker));
await new Promise(r => setTimeout(r, 1000));
const open = held.filter(h => !h.isClosed()).length;
console.log(JSON.stringify({ attempts: count, held: open, refused: count - open, refusedAtNegotiation: refused, seconds: (Date.now() - started) / 1000 }));
process.stdin.resume();
process.stdin.on('end', async () => {
  await Promise.all(held.map(h => h.connection.stop().catch(() => {})));
  process.exit(0);
});
