/**
 * The widget's styles, inside its shadow root. Colours meet WCAG 2.1 AA contrast (blue-700 on
 * white 6.7:1, grey-700 text 10:1); focus is always visible; the panel fits small screens.
 */
export const WIDGET_CSS = `
:host{all:initial}
*{box-sizing:border-box;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
[hidden]{display:none!important}
button{font:inherit;cursor:pointer}
button:focus-visible,textarea:focus-visible,a:focus-visible,.log:focus-visible{outline:3px solid #b45309;outline-offset:2px}
.launcher{position:fixed;right:16px;bottom:16px;z-index:2147483000;background:#1d4ed8;color:#fff;border:0;border-radius:24px;padding:12px 18px;font-size:16px;box-shadow:0 2px 8px rgba(0,0,0,.3)}
.panel{position:fixed;right:16px;bottom:72px;z-index:2147483000;width:min(360px,calc(100vw - 32px));height:min(520px,calc(100vh - 96px));display:flex;flex-direction:column;background:#fff;color:#1f2937;border:1px solid #6b7280;border-radius:12px;box-shadow:0 4px 16px rgba(0,0,0,.25);font-size:15px}
.header{display:flex;align-items:center;justify-content:space-between;padding:8px 12px;background:#1d4ed8;color:#fff;border-radius:12px 12px 0 0}
h2{margin:0;font-size:17px}
.close{background:transparent;color:#fff;border:0;font-size:22px;min-width:44px;min-height:44px}
.log{margin:0;padding:12px;flex:1;overflow-y:auto;display:flex;flex-direction:column;gap:8px}
.msg{max-width:85%;padding:8px 10px;border-radius:10px;background:#f3f4f6;color:#111827}
.msg.customer{align-self:flex-end;background:#1d4ed8;color:#fff}
.msg.system{align-self:center;background:#fef3c7;color:#1f2937}
.who{display:block;font-size:12px;font-weight:600}
.text{margin:2px 0 0;white-space:pre-wrap;overflow-wrap:anywhere}
.cite{margin:6px 0 0;font-size:13px}
.cite a{color:#1d4ed8}
.status{margin:0 12px;min-height:1.2em;font-size:13px;color:#374151}
.form{display:flex;flex-wrap:wrap;gap:6px;padding:8px 12px}
.form label{width:100%;font-size:13px;color:#374151}
textarea{flex:1;resize:none;border:1px solid #6b7280;border-radius:8px;padding:6px;font:inherit;color:#111827}
.send,.human{background:#1d4ed8;color:#fff;border:0;border-radius:8px;padding:8px 14px;min-height:44px}
.human{margin:0 12px 12px;background:#fff;color:#1d4ed8;border:1px solid #1d4ed8}
`;
