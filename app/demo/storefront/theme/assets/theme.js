/*
 * The demo theme's script, written the way Dawn-era themes work: Dawn's `subscribe`/`publish`
 * pub/sub (PUB_SUB_EVENTS.cartUpdate = "cart-update"), the AJAX Cart API with Section Rendering,
 * Shopify's standard `shopify:cart:lines-update` event dispatched at the start of each of the
 * theme's own cart changes, and a cart drawer and cart page that redraw when another script
 * (an app) reports a cart change through either channel. Shopify.actions is configured too.
 */
(function () {
  "use strict";
  var root = (window.Shopify && window.Shopify.routes && window.Shopify.routes.root) || "/";
  var SECTIONS = ["cart-drawer", "cart-drawer-footer", "cart-icon-bubble", "main-cart-items", "main-cart-footer"];
  var OWN_SOURCES = ["product-form", "cart-items", "cart-drawer", "standard-action"];

  // Dawn's pub/sub (assets/pubsub.js + constants.js).
  var subscribers = {};
  var PUB_SUB_EVENTS = (window.PUB_SUB_EVENTS = {
    cartUpdate: "cart-update",
    quantityUpdate: "quantity-update",
    variantChange: "variant-change",
    cartError: "cart-error",
  });
  window.subscribe = function (eventName, callback) {
    (subscribers[eventName] = subscribers[eventName] || []).push(callback);
    return function () {
      subscribers[eventName] = (subscribers[eventName] || []).filter(function (cb) {
        return cb !== callback;
      });
    };
  };
  window.publish = function (eventName, data) {
    return Promise.all(
      (subscribers[eventName] || []).map(function (cb) {
        return Promise.resolve(cb(data));
      }),
    );
  };

  function getCart() {
    return fetch(root + "cart.js", { headers: { Accept: "application/json" } }).then(function (r) {
      return r.json();
    });
  }

  function post(path, body) {
    var payload = Object.assign({}, body, { sections: SECTIONS.join(","), sections_url: location.pathname });
    return fetch(root + path, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(payload),
    }).then(function (r) {
      return r.json().then(function (json) {
        return { ok: r.ok, json: json };
      });
    });
  }

  // --- Section rendering -------------------------------------------------------------------
  function targetOf(id) {
    return id === "cart-icon-bubble"
      ? document.getElementById("cart-icon-bubble")
      : document.getElementById("shopify-section-" + id);
  }

  function renderSections(sections) {
    if (!sections) return;
    Object.keys(sections).forEach(function (id) {
      var target = targetOf(id);
      if (!target || typeof sections[id] !== "string") return;
      var doc = new DOMParser().parseFromString(sections[id], "text/html");
      var source = doc.querySelector(".shopify-section");
      target.innerHTML = source ? source.innerHTML : "";
    });
    document.querySelectorAll("cart-drawer").forEach(function (el) {
      el.classList.toggle("is-empty", !document.querySelector("#shopify-section-cart-drawer .cart-item"));
    });
  }

  var refreshTimer;
  /** Redraws the cart (drawer, bubble, cart page) from the server, coalescing bursts of signals. */
  function refreshCart() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(function () {
      fetch(root + "?sections=" + SECTIONS.join(","), { headers: { Accept: "application/json" } })
        .then(function (r) {
          return r.json();
        })
        .then(renderSections)
        .catch(function () {});
    }, 30);
  }

  // --- Standard storefront events ----------------------------------------------------------
  var own = new WeakSet();
  function emitLinesUpdate(from, action, context, lines, promise) {
    var event = new CustomEvent("shopify:cart:lines-update", {
      bubbles: true,
      detail: { action: action, context: context, lines: lines, promise: promise },
    });
    own.add(event);
    (from || document).dispatchEvent(event);
  }

  /** Runs one cart change the way a theme reports it: event first, then the request, then redraw and publish. */
  function change(options) {
    var request = post(options.path, options.body);
    var promise = request.then(function (res) {
      return getCart().then(function (cart) {
        return {
          cart: cart,
          userErrors: res.ok
            ? []
            : [{ message: res.json.description || res.json.message, code: String(res.json.status) }],
        };
      });
    });
    emitLinesUpdate(options.from, options.action, options.context, options.lines, promise);
    return Promise.all([request, promise]).then(function (both) {
      var res = both[0];
      var result = both[1];
      if (res.ok) {
        renderSections(res.json.sections);
        window.publish(PUB_SUB_EVENTS.cartUpdate, {
          source: options.source,
          cartData: result.cart,
          productVariantId: options.variantId,
        });
      } else {
        window.publish(PUB_SUB_EVENTS.cartError, {
          source: options.source,
          errors: res.json.description,
          message: res.json.message,
        });
        refreshCart();
      }
      return { ok: res.ok, json: res.json, cart: result.cart, userErrors: result.userErrors };
    });
  }

  document.addEventListener("shopify:cart:lines-update", function (event) {
    if (own.has(event)) return;
    var promise = event.detail && event.detail.promise;
    if (promise && promise.then) promise.then(refreshCart, refreshCart);
    else refreshCart();
  });
  window.subscribe(PUB_SUB_EVENTS.cartUpdate, function (data) {
    if (!data || OWN_SOURCES.indexOf(data.source) === -1) refreshCart();
  });

  // --- Cart drawer -------------------------------------------------------------------------
  var lastFocus = null;
  function drawer() {
    return document.querySelector("cart-drawer");
  }
  function openDrawer() {
    var el = drawer();
    if (!el) return;
    lastFocus = document.activeElement;
    el.hidden = false;
    document.body.style.overflow = "hidden";
    var inner = document.getElementById("CartDrawer");
    if (inner) inner.focus();
  }
  function closeDrawer() {
    var el = drawer();
    if (!el || el.hidden) return;
    el.hidden = true;
    document.body.style.overflow = "";
    if (lastFocus && lastFocus.focus) lastFocus.focus();
  }
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest("[data-cart-toggle]");
    if (toggle && drawer() && document.body.className.indexOf("template-cart") === -1) {
      event.preventDefault();
      openDrawer();
    }
    if (event.target.closest("[data-cart-close]")) closeDrawer();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") closeDrawer();
  });

  // --- Cart lines (drawer and cart page) -----------------------------------------------------
  function changeLine(button, quantity) {
    var item = button.closest("[data-line]");
    if (!item) return;
    var list = item.closest("cart-items");
    var source = list && list.dataset.source === "cart-drawer" ? "cart-drawer" : "cart-items";
    if (list) list.classList.add("is-loading");
    var line = Number(item.dataset.line);
    change({
      path: "cart/change.js",
      body: { line: line, quantity: quantity },
      from: item,
      action: quantity === 0 ? "remove" : "update",
      context: source === "cart-drawer" ? "dialog" : "cart",
      lines: [{ id: item.dataset.key, quantity: quantity }],
      source: source,
    }).then(function () {
      var again = document.querySelector('cart-items[data-source="' + source + '"]');
      if (again) again.classList.remove("is-loading");
    });
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-line-quantity]");
    if (!button) return;
    event.preventDefault();
    changeLine(button, Math.max(0, Number(button.dataset.lineQuantity)));
  });
  document.addEventListener("change", function (event) {
    if (event.target.matches("[data-line-input]"))
      changeLine(event.target, Math.max(0, Number(event.target.value) || 0));
  });

  // --- Product form ---------------------------------------------------------------------------
  document.addEventListener("click", function (event) {
    var step = event.target.closest("[data-step]");
    if (!step) return;
    var input = step.parentElement.querySelector("input");
    input.value = Math.max(Number(input.min) || 1, (Number(input.value) || 1) + Number(step.dataset.step));
  });

  document.addEventListener("change", function (event) {
    var radio = event.target;
    if (!radio.matches("[data-variant-picker] input[type=radio]")) return;
    var form = radio.form;
    form.querySelector("[data-variant-id]").value = radio.value;
    var available = radio.dataset.available === "true";
    var button = form.querySelector("[data-add-button]");
    button.disabled = !available;
    button.firstElementChild.textContent = available ? "Add to cart" : "Sold out";
    var price = document.querySelector(".product__price .price");
    if (price) {
      price.classList.toggle("price--on-sale", !!radio.dataset.compare);
      price.innerHTML = radio.dataset.compare
        ? '<span class="price-item price-item--sale">' +
          radio.dataset.price +
          '</span> <s class="price-item price-item--regular">' +
          radio.dataset.compare +
          '</s> <span class="badge badge--sale">Sale</span>'
        : '<span class="price-item">' + radio.dataset.price + "</span>";
    }
    history.replaceState(null, "", location.pathname + "?variant=" + radio.value);
    window.publish(PUB_SUB_EVENTS.variantChange, {
      data: { sectionId: "main", variant: { id: Number(radio.value), available: available } },
    });
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("[data-product-form]")) return;
    event.preventDefault();
    var button = form.querySelector("[data-add-button]");
    var error = form.querySelector("[data-form-error]");
    var id = Number(form.querySelector("[data-variant-id]").value);
    var quantity = Number(form.querySelector("[name=quantity]").value) || 1;
    button.setAttribute("aria-busy", "true");
    error.hidden = true;
    change({
      path: "cart/add.js",
      body: { items: [{ id: id, quantity: quantity }] },
      from: form,
      action: "add",
      context: "product",
      lines: [{ merchandiseId: "gid://shopify/ProductVariant/" + id, quantity: quantity }],
      source: "product-form",
      variantId: id,
    }).then(function (result) {
      button.removeAttribute("aria-busy");
      if (result.ok) openDrawer();
      else {
        error.textContent = result.json.description || "Could not add to cart.";
        error.hidden = false;
      }
    });
  });

  // --- Standard storefront actions, configured by this theme ----------------------------------
  function isNotDefault() {
    return false;
  }
  var actions = {
    getCart: function () {
      return getCart().then(function (cart) {
        return { cart: cart };
      });
    },
    openCart: function () {
      openDrawer();
      return Promise.resolve();
    },
    updateCart: function (payload) {
      var lines = (payload && payload.lines) || [];
      var adds = lines.filter(function (l) {
        return l.merchandiseId;
      });
      var updates = lines.filter(function (l) {
        return !l.merchandiseId && l.id;
      });
      var chain = Promise.resolve({ ok: true, userErrors: [] });
      if (adds.length) {
        chain = change({
          path: "cart/add.js",
          body: {
            items: adds.map(function (l) {
              return {
                id: Number(String(l.merchandiseId).split("/").pop()),
                quantity: l.quantity || 1,
                properties: l.attributes || {},
              };
            }),
          },
          action: "add",
          context: "standard-action",
          lines: adds,
          source: "standard-action",
        });
      }
      updates.forEach(function (l) {
        chain = chain.then(function () {
          return change({
            path: "cart/change.js",
            body: { id: String(l.id).split("/").pop(), quantity: l.quantity },
            action: l.quantity === 0 ? "remove" : "update",
            context: "standard-action",
            lines: [l],
            source: "standard-action",
          });
        });
      });
      return chain.then(function (result) {
        return getCart().then(function (cart) {
          return { cart: cart, userErrors: result.userErrors || [], warnings: [] };
        });
      });
    },
  };
  Object.keys(actions).forEach(function (name) {
    actions[name].isDefault = isNotDefault;
  });
  window.Shopify = window.Shopify || {};
  window.Shopify.actions = Object.assign(window.Shopify.actions || {}, actions);
  document.documentElement.classList.replace("no-js", "js");
})();
