/** The widget's own CSS, inside its shadow root: the host page's styles cannot reach it, nor it them. */
export const WIDGET_CSS = `
:host{all:initial}
*{box-sizing:border-box;font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif}
.launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;border:0;border-radius:24px;padding:12px 18px;
  background:#1f6feb;color:#fff;font-size:15px;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.2)}
.launcher:focus-visible,button:focus-visible,input:focus-visible,textarea:focus-visible,select:focus-visible,a:focus-visible{
  outline:3px solid #f59e0b;outline-offset:2px}
.panel{position:fixed;right:20px;bottom:80px;z-index:2147483000;width:360px;max-width:calc(100vw - 24px);
  height:520px;max-height:calc(100vh - 100px);display:flex;flex-direction:column;background:#fff;color:#1f2328;
  border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.25);overflow:hidden;font-size:14px}
.panel[hidden]{display:none}
[hidden]{display:none!important}
header{display:flex;align-items:center;justify-content:space-between;padding:12px 14px;background:#1f6feb;color:#fff}
header h2{margin:0;font-size:16px}
.close{background:transparent;border:0;color:#fff;font-size:20px;cursor:pointer;line-height:1}
.tabs{display:flex;border-bottom:1px solid #d0d7de}
.tabs button{flex:1;padding:10px;border:0;background:#f6f8fa;cursor:pointer;font-size:14px;color:#1f2328}
.tabs button[aria-selected="true"]{background:#fff;font-weight:600;border-bottom:2px solid #1f6feb}
.view{flex:1;display:flex;flex-direction:column;min-height:0}
.view[hidden]{display:none}
.greeting{margin:10px 14px;color:#59636e}
.log{flex:1;overflow-y:auto;padding:10px 14px;display:flex;flex-direction:column;gap:8px}
.msg{max-width:85%;padding:8px 10px;border-radius:10px;white-space:pre-wrap;word-break:break-word}
.msg.in{align-self:flex-end;background:#1f6feb;color:#fff}
.msg.out{align-self:flex-start;background:#eef1f4}
.who{display:block;font-size:11px;opacity:.75;margin-bottom:2px}
form{display:flex;flex-direction:column;gap:8px;padding:10px 14px;border-top:1px solid #d0d7de}
.scroll{overflow-y:auto}
.field{display:flex;flex-direction:column;gap:4px}
label{font-size:13px;color:#59636e}
input,textarea,select{font:inherit;padding:8px;border:1px solid #c9ced6;border-radius:8px;width:100%}
textarea{min-height:64px;resize:vertical}
.submit{padding:10px;border:0;border-radius:8px;background:#1f6feb;color:#fff;font-size:14px;cursor:pointer}
.submit:disabled{opacity:.6;cursor:default}
.status{margin:0;font-size:12px;color:#b42318;min-height:1em}
.done{padding:14px;display:flex;flex-direction:column;gap:10px;overflow-y:auto}
.done a{color:#1f6feb}
`;
