// Repeated, time-boxed measurements: warm up, then `reps` runs of about `ms` each; the median
// of the runs is reported.
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export function opsPerSecond(fn, { reps = 7, ms = 300, batch = 20 } = {}) {
  const warm = performance.now();
  while (performance.now() - warm < 150) fn();
  const rates = [];
  for (let r = 0; r < reps; r++) {
    let n = 0;
    const start = performance.now();
    let now;
    do {
      for (let i = 0; i < batch; i++) fn();
      n += batch;
      now = performance.now();
    } while (now - start < ms);
    rates.push((n / (now - start)) * 1000);
  }
  return median(rates);
}

export async function opsPerSecondAsync(fn, { reps = 7, ms = 300 } = {}) {
  const warm = performance.now();
  while (performance.now() - warm < 150) await fn();
  const rates = [];
  for (let r = 0; r < reps; r++) {
    let n = 0;
    const start = performance.now();
    let now;
    do {
      await fn();
      n++;
      now = performance.now();
    } while (now - start < ms);
    rates.push((n / (now - start)) * 1000);
  }
  return median(rates);
}
