import { pinClock } from './helpers/clock';

// TEST_NOW (an ISO instant) runs every test file as if from that instant on: see helpers/clock.ts.
if (process.env.TEST_NOW) pinClock(process.env.TEST_NOW);
