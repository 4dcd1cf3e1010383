/**
 * Preloaded into one app process (`node --import`, through NODE_OPTIONS) by the clock-jump
 * scenario: the process's wall clock, `Date.now()` and `new Date()`, runs `offsetMs` away from the
 * real one, as after an NTP step or a VM restored with a stale clock. The apps hold no test-only
 * code: the offset is set from outside, by an IPC message `{ type: 'tessera-reliability:clock',
 * offsetMs }` (answered `{ type: 'tessera-reliability:clock-set', offsetMs }`), and may change
 * while the app serves. Monotonic time (performance.now, timers) is left alone, as an NTP step
 * leaves it.
 */
const RealDate = Date;
let offsetMs = 0;
const now = () => RealDate.now() + offsetMs;

globalThis.Date = new Proxy(RealDate, {
  construct: (target, args, newTarget) => Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget),
  // Date() called without new gives the current time as a string.
  apply: () => new RealDate(now()).toString(),
  get: (target, property, receiver) => (property === 'now' ? now : Reflect.get(target, property, receiver)),
});

if (typeof process.send === 'function') {
  process.on('message', (message) => {
    if (message?.type !== 'tessera-reliability:clock' || !Number.isSafeInteger(message.offsetMs)) return;
    offsetMs = message.offsetMs;
    process.send({ type: 'tessera-reliability:clock-set', offsetMs });
  });
  // The channel must not keep the app alive after its server closes.
  process.channel?.unref();
}
