// Before the console's module runs: if it has not started after a while (the module or the wasm
// blocked, offline, served with a wrong type), say so instead of leaving a blank page.
setTimeout(function () {
  if (document.body.dataset.ready) return;
  var p = document.getElementById('booting');
  if (!p) return;
  p.textContent = 'The console has not started: check your connection and that nothing blocks its scripts or its .wasm file, then reload. · 控制台未能启动：请检查网络，并确认其脚本和 .wasm 文件未被拦截，然后重新加载。';
  p.className = 'booting failed';
}, 15000);
