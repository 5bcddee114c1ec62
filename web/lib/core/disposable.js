// Objects that own wasm memory free it in dispose(); the FinalizationRegistry is only
// a safety net for forgotten ones (it may run late or never).
const registry = new FinalizationRegistry((handle) => {
  if (!handle.isDeleted()) handle.delete();
});

export const disposeSymbol = Symbol.dispose ?? Symbol.for('Symbol.dispose');

export class Disposable {
  #handle;
  #where;

  constructor(handle, where) {
    this.#handle = handle;
    this.#where = where;
    registry.register(this, handle, this);
  }

  /** The Embind object; using a disposed object is an Error, not a crash. */
  get handle() {
    if (this.#handle === null) throw new Error(`${this.#where} was disposed`);
    return this.#handle;
  }

  get isDisposed() {
    return this.#handle === null;
  }

  /** Frees the wasm memory this object owns. Safe to call more than once. */
  dispose() {
    if (this.#handle === null) return;
    registry.unregister(this);
    this.#handle.delete();
    this.#handle = null;
  }

  [disposeSymbol]() {
    this.dispose();
  }
}
