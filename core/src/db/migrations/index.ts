import { InitialSchema1764000000000 } from './0001-initial-schema';
import { TransferQueueIndex1764100000000 } from './0002-transfer-queue-index';

/** In order. Never edit a migration that has shipped: add a new one. */
export const migrations = [InitialSchema1764000000000, TransferQueueIndex1764100000000];
