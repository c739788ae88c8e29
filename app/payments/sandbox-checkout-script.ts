/**
 * The sandbox's stand-in for https://checkout.razorpay.com/v1/checkout.js: `new Razorpay(options)`
 * with `open()`, `close()` and `on("payment.failed")`, calling `options.handler` with a signed
 * response and `options.modal.ondismiss` exactly as Standard Checkout does. Plain ES5-ish browser
 * JavaScript served as a string, so it needs no build step.
 */
export const SANDBOX_CHECKOUT_SCRIPT = String.raw`(function () {
  "use strict";
  var PAY_URL = "/dev/razorpay-sandbox/pay";
  function rupees(paise) { return "\u20B9" + (paise / 100).toLocaleString("en-IN", { minimumFractionDigits: paise % 100 ? 2 : 0 }); }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var k in attrs) node.setAttribute(k, attrs[k]);
    if (text) node.textContent = text;
    return node;
  }
  function Razorpay(options) {
    if (!(this instanceof Razorpay)) return new Razorpay(options);
    this.options = options || {};
    this.listeners = {};
    this.root = null;
  }
  Razorpay.prototype.on = function (event, fn) { (this.listeners[event] = this.listeners[event] || []).push(fn); };
  Razorpay.prototype.emit = function (event, payload) { (this.listeners[event] || []).forEach(function (fn) { fn(payload); }); };
  Razorpay.prototype.close = function () {
    if (!this.root) return;
    if (this.root.open) this.root.close();
    this.root.remove();
    this.root = null;
    // Focus goes back to what opened the checkout (the Pay button), as a dialog's should.
    if (this.opener && document.contains(this.opener)) this.opener.focus();
  };
  Razorpay.prototype.open = function () {
    var self = this, o = this.options;
    if (this.root) return;
    // A native modal <dialog>: the rest of the page is inert (Tab stays inside) and Esc cancels.
    // margin:auto centres it: the page's CSS reset zeroes every margin, the UA's centring included.
    var root = el("dialog", { "data-testid": "razorpay-sandbox", "aria-labelledby": "rzp-sandbox-title", style: "border:0;padding:0;background:transparent;margin:auto" });
    var box = el("div", { style: "background:#fff;color:#0f172a;border-radius:12px;padding:24px;width:min(92vw,380px);font-family:system-ui,sans-serif;box-shadow:0 10px 40px rgba(0,0,0,.3)" });
    box.appendChild(el("p", { style: "font-size:12px;letter-spacing:.08em;text-transform:uppercase;color:#64748b;margin:0" }, "Razorpay sandbox \u00B7 test mode"));
    box.appendChild(el("h2", { id: "rzp-sandbox-title", style: "margin:6px 0 2px;font-size:20px" }, (o.name || "Pay") + " \u2014 " + rupees(o.amount || 0)));
    if (o.description) box.appendChild(el("p", { style: "margin:0 0 4px;color:#334155" }, o.description));
    box.appendChild(el("p", { style: "margin:0 0 16px;font-size:12px;color:#64748b" }, "Order " + (o.order_id || "?")));
    var status = el("p", { role: "status", "aria-live": "polite", style: "min-height:1.2em;font-size:14px;color:#b91c1c;margin:0 0 12px" });
    box.appendChild(status);
    var row = el("div", { style: "display:flex;gap:8px;flex-wrap:wrap" });
    var pay = el("button", { type: "button", style: "flex:1;padding:10px 14px;border-radius:8px;border:0;background:#2563eb;color:#fff;font-weight:600;cursor:pointer" }, "Pay");
    var fail = el("button", { type: "button", style: "padding:10px 14px;border-radius:8px;border:1px solid #dc2626;background:#fff;color:#b91c1c;font-weight:600;cursor:pointer" }, "Fail");
    var close = el("button", { type: "button", style: "padding:10px 14px;border-radius:8px;border:1px solid #94a3b8;background:#fff;font-weight:600;cursor:pointer" }, "Close");
    row.appendChild(pay); row.appendChild(fail); row.appendChild(close);
    box.appendChild(row);
    root.appendChild(box);
    var backdrop = document.createElement("style");
    backdrop.textContent = "dialog[data-testid=razorpay-sandbox]::backdrop{background:rgba(15,23,42,.6)}";
    root.appendChild(backdrop);
    this.opener = document.activeElement;
    document.body.appendChild(root);
    this.root = root;
    root.showModal();
    pay.focus();

    function busy(on) { pay.disabled = fail.disabled = close.disabled = on; }
    function attempt(outcome) {
      busy(true);
      status.textContent = outcome === "success" ? "Processing payment\u2026" : "Declining\u2026";
      fetch(PAY_URL, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ key: o.key, order_id: o.order_id, outcome: outcome }) })
        .then(function (res) { return res.json(); })
        .then(function (body) {
          busy(false);
          if (body && body.razorpay_payment_id && body.razorpay_signature) {
            self.close();
            // Chaos runs (ADR 028): paid, but the tab closed before the page heard of it.
            if (body.sandbox_tab_closed) return;
            if (typeof o.handler === "function") o.handler(body);
            return;
          }
          // Like Standard Checkout, a failed attempt keeps the modal open for another try.
          var error = (body && body.error) || { description: "Payment failed" };
          status.textContent = error.description + " Try again or close.";
          self.emit("payment.failed", { error: error });
        })
        .catch(function () { busy(false); status.textContent = "Could not reach the sandbox."; });
    }
    pay.addEventListener("click", function () { attempt("success"); });
    fail.addEventListener("click", function () { attempt("failure"); });
    function dismiss() {
      self.close();
      if (o.modal && typeof o.modal.ondismiss === "function") o.modal.ondismiss();
    }
    close.addEventListener("click", dismiss);
    root.addEventListener("cancel", function (event) {
      // Esc is Close, except while a payment is in flight.
      event.preventDefault();
      if (!close.disabled) dismiss();
    });
  };
  window.Razorpay = Razorpay;
})();
`;
