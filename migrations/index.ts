// Append-only: every migration, oldest first. `npm run migration:generate -- <name>` adds one.
import { InitialSchema1795939300609 } from './1795939300609-initial-schema';

export const migrations = [InitialSchema1795939300609];
