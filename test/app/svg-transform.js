// An imported SVG as the build gives it (a data: URL; the icons are small enough to be inlined).
module.exports = {
  process(source) {
    return { code: `module.exports = ${JSON.stringify(`data:image/svg+xml;base64,${Buffer.from(source).toString('base64')}`)};` };
  },
};
