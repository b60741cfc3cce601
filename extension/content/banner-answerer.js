// Answers a site's cookie banner with the person's choice for the site. Isolated world, every frame
// at document_start: the background hands over the rules that apply to this frame (the main frame:
// all; a frame: those whose frameUrl it matches), each with the one step list that answers the
// choice (js/banner-rules.js). The first rule whose banner shows is run: the banner is hidden while
// its steps run, everything is bounded by ANSWER_MS, and the outcome goes back to the background
// for the popup. Nothing here decides what to answer, and an accept-all control is never clicked
// unless the plan is acceptAll.
(() => {
  const DETECT_MS = 5000; // after this long without a banner: no CMP on this page
  const ANSWER_MS = 5000; // from the banner showing to its answer being recorded, at most
  const POLL_MS = 50;
  const STEP_WAIT_MS = 2000;
  const isTop = window === window.top;

  class GaveUp extends Error {}

  // CSS, with " >>> " entering the open shadow root of what the part before it matched.
  function queryAll(selector) {
    let roots = [document];
    const parts = selector.split(/\s+>>>\s+/);
    for (const [i, part] of parts.entries()) {
      let found;
      try {
        found = roots.flatMap((root) => [...root.querySelectorAll(part)]);
      } catch {
        throw new GaveUp(`the rule's selector ${selector} is not valid CSS`);
      }
      if (i === parts.length - 1) return found;
      roots = found.map((el) => el.shadowRoot).filter(Boolean);
    }
    return [];
  }

  // Displayed: laid out and not visibility:hidden. Opacity does not count, so the banner we hide
  // (opacity 0) is still "displayed" to the rule.
  const displayed = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const shown = (selector) => queryAll(selector).find(displayed) ?? null;
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  // Polls `probe` until it returns something, or gives up with `reason` after `ms` (never past the deadline).
  async function until(probe, ms, deadline, reason) {
    const end = Math.min(performance.now() + ms, deadline);
    for (;;) {
      const value = probe();
      if (value) return value;
      if (performance.now() >= end) throw new GaveUp(reason);
      await sleep(POLL_MS);
    }
  }

  function hide(selectors) {
    const hidden = selectors.flatMap(queryAll).map((el) => {
      const before = [el.style.getPropertyValue('opacity'), el.style.getPropertyPriority('opacity'),
        el.style.getPropertyValue('pointer-events'), el.style.getPropertyPriority('pointer-events')];
      el.style.setProperty('opacity', '0', 'important');
      el.style.setProperty('pointer-events', 'none', 'important');
      return { el, before };
    });
    // Undone when the answer gives up, so that the person can answer it, and once it is answered,
    // so that the CMP's own settings can be opened again (some CMPs reuse the banner's element).
    return () => {
      for (const { el, before: [opacity, opacityPriority, events, eventsPriority] } of hidden) {
        el.style.setProperty('opacity', opacity, opacityPriority);
        el.style.setProperty('pointer-events', events, eventsPriority);
      }
    };
  }

  // One plan's steps (schemas/cmp-rule.schema.json); `allowed` is the person's choice per category.
  function runner(rule, allowed, deadline) {
    const acceptsAll = (el) => rule.acceptControls.some((selector) => queryAll(selector).includes(el));

    function click(step) {
      const el = queryAll(step.click)[0];
      if (!el) {
        if (step.optional) return;
        throw new GaveUp(`nothing matches ${step.click}`);
      }
      // The background never sends acceptAll steps unless everything is allowed; this stops a rule
      // whose other steps would press an accept-all control.
      if (rule.kind !== 'acceptAll' && acceptsAll(el)) throw new GaveUp(`refused to click ${step.click}: it accepts everything`);
      el.click();
    }

    async function set(step) {
      const want = step.category ? allowed[step.category] === true : step.value === true;
      const el = queryAll(step.set)[0];
      if (!el) {
        if (step.optional) return;
        throw new GaveUp(`nothing matches ${step.set}`);
      }
      if (el.checked === want) return;
      if (acceptsAll(el)) throw new GaveUp(`refused to click ${step.set}: it accepts everything`);
      el.click();
      await until(() => queryAll(step.set)[0]?.checked === want, STEP_WAIT_MS, deadline, `${step.set} did not become ${want ? 'checked' : 'unchecked'}`);
    }

    async function run(steps) {
      for (const step of steps) {
        if ('click' in step) click(step);
        else if ('set' in step) await set(step);
        else if ('wait' in step) {
          await until(() => shown(step.wait), step.timeoutMs ?? STEP_WAIT_MS, deadline, `${step.wait} did not show`)
            .catch((e) => { if (!step.optional) throw e; });
        } else if ('waitGone' in step) {
          await until(() => !shown(step.waitGone), step.timeoutMs ?? STEP_WAIT_MS, deadline, `${step.waitGone} did not go away`);
        } else if ('if' in step) await run(queryAll(step.if).length ? step.then ?? [] : step.else ?? []);
        else throw new GaveUp(`unknown step ${JSON.stringify(step).slice(0, 80)}`);
      }
    }
    return run;
  }

  // The first rule whose banner shows, or null after DETECT_MS.
  function detect(rules) {
    const found = () => rules.find((rule) => rule.detect.some((selector) => {
      try { return shown(selector); } catch { return false; }
    }));
    return new Promise((resolve) => {
      let timer = 0;
      const finish = (rule) => {
        observer.disconnect();
        clearTimeout(timer);
        clearTimeout(giveUp);
        resolve(rule);
      };
      const check = () => {
        timer = 0;
        const rule = found();
        if (rule) finish(rule);
      };
      const observer = new MutationObserver(() => { if (!timer) timer = setTimeout(check, POLL_MS); });
      const giveUp = setTimeout(() => finish(found() ?? null), DETECT_MS);
      observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['class', 'style', 'hidden'] });
      check();
    });
  }

  async function answer(rule, allowed) {
    const deadline = performance.now() + ANSWER_MS;
    const show = hide(rule.banner);
    try {
      await runner(rule, allowed, deadline)(rule.steps);
      await until(() => rule.done.every((selector) => !shown(selector)), ANSWER_MS, deadline, 'the banner was still shown after the steps');
      return { outcome: 'answered', ms: Math.round(performance.now()) };
    } catch (e) {
      if (!(e instanceof GaveUp)) throw e;
      const reason = performance.now() >= deadline ? `no answer within ${ANSWER_MS / 1000} s: ${e.message}` : e.message;
      return { outcome: 'gave-up', reason };
    } finally {
      show();
    }
  }

  const report = (outcome) => chrome.runtime.sendMessage({ what: 'bannerOutcome', ...outcome }).catch(() => {});

  async function start() {
    const setup = await chrome.runtime.sendMessage({ what: 'bannerSetup' }).catch(() => null);
    if (!setup?.ok || !setup.result.rules.length) return;
    const { rules, allowed, off } = setup.result;
    const rule = await detect(rules);
    if (!rule) {
      if (isTop) report({ outcome: 'none' });
      return;
    }
    if (off) return void report({ cmp: rule.id, outcome: 'off' });
    report({ cmp: rule.id, ...(await answer(rule, allowed)) });
  }

  start();
})();
