// Gives the event loop a turn between training chunks, so progress callbacks render and
// an AbortSignal's listeners run. setTimeout(0) would be clamped to 4 ms after a few
// nested calls in browsers; a MessageChannel round trip is not.
export function yieldToEventLoop() {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
