// The restore command from the TypeScript sources: the work is in server/src/restore.ts, an entry
// compiled with the server, so that a production install restores the same way.
import '../server/src/restore.ts';
