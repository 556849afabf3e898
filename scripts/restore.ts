// The restore command from the TypeScript sources (tests run it so, without a build); `npm run
// restore` runs the compiled server/dist/restore.js, which a production install has.
import '../server/src/restore.ts';
