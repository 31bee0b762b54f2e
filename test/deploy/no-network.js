// Preloaded into the deploy command by its tests (NODE_OPTIONS=--require): in that process (not in npm
// or the build before it), every connection or DNS lookup is reported on stderr as "NO-NETWORK: ..."
// and refused, and so, on exit, is a deploy library that was loaded.
const dns = require('dns');
const net = require('net');

if (/deploy[\\/]cli\.js$/.test(process.argv[1] ?? '')) {
  const report = (what) => process.stderr.write(`NO-NETWORK: ${what}\n`);
  net.Socket.prototype.connect = function (...args) {
    report(`connect ${JSON.stringify(args[0])}`);
    throw new Error('the deploy tests allow no network');
  };
  for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6']) {
    dns[name] = (host) => {
      report(`dns ${host}`);
      throw new Error('the deploy tests allow no network');
    };
  }
  // Whether required or imported, a CommonJS package lands in the module cache.
  process.on('exit', () => {
    const loaded = Object.keys(require.cache).filter((file) => /node_modules[\\/](@cloudbase[\\/]manager-node|miniprogram-ci)[\\/]/.test(file));
    if (loaded.length) report(`loaded ${loaded[0]}`);
  });
}
