const mods = process.argv.slice(2);
for (const m of ['express','pino','prom-client','zod','helmet','preact','preact-render-to-string','better-sqlite3','express-rate-limit']) await import(m);
const a = process.memoryUsage().rss;
for (const m of mods) await import(m);
await new Promise(r=>setTimeout(r,500));
console.log(mods.join(','), Math.round((process.memoryUsage().rss-a)/1e5)/10, 'total', Math.round(process.memoryUsage().rss/1e5)/10);
