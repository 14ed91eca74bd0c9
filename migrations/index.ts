// Append-only: every migration, oldest first. `npm run migration:generate -- <name>` adds one.
import { InitialSchema1795939300609 } from './1795939300609-initial-schema';
import { TrialCoordination1795939807130 } from './1795939807130-trial-coordination';
import { SocketIoAttachments1795940000000 } from './1795940000000-socket-io-attachments';
import { Artifacts1795940345400 } from './1795940345400-artifacts';
import { CountedTrialsByCompletion1795949175327 } from './1795949175327-counted-trials-by-completion';

export const migrations = [
  InitialSchema1795939300609,
  TrialCoordination1795939807130,
  SocketIoAttachments1795940000000,
  Artifacts1795940345400,
  CountedTrialsByCompletion1795949175327,
];
