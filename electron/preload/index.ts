// The preload of the desktop window (sandboxed, context-isolated): exposes `window.recorder` with
// only `invoke(op, input)` and `on(event, listener)`, for names of the contract. Any other name
// throws here, before anything reaches the main process (which checks again). Built as ONE
// CommonJS file (out/desktop/preload/index.cjs): a sandboxed preload cannot load ES modules or
// require anything but 'electron'.
import { contextBridge, ipcRenderer } from 'electron';
import { createRecorderBridge } from './recorder-bridge';

contextBridge.exposeInMainWorld(
  'recorder',
  createRecorderBridge(ipcRenderer, {
    operations: __RECORDER_OPERATION_NAMES__,
    events: __RECORDER_EVENT_NAMES__,
  }),
);
