// Feed DOM churn like LinkedIn's: a "New posts" pill every few seconds, ticking timestamps, lazily added posts.
// It lets benchmarks measure what a content script's MutationObserver costs on a busy page.

const CHURN_INTERVAL_MS = 3000;
const slot = document.querySelector('.feed-new-posts-slot');
const pillText = document.getElementById('new-posts-pill-text')?.textContent ?? 'New posts';
const feed = document.getElementById('main-feed');
let ticks = 0;

function churn(): void {
  ticks += 1;
  if (slot) {
    const pill = document.createElement('button');
    pill.type = 'button';
    pill.className = 'new-posts-pill';
    pill.textContent = `↑ ${pillText} (${String(ticks)})`;
    slot.replaceChildren(pill);
  }
  for (const time of document.querySelectorAll<HTMLElement>('time[data-minutes]')) {
    const minutes = Number(time.dataset.minutes) + 1;
    time.dataset.minutes = String(minutes);
    time.textContent = minutes < 60 ? `${String(minutes)}m` : `${String(Math.floor(minutes / 60))}h`;
  }
  // Every third tick a post is cloned to the end, as infinite scroll would append one.
  const first = feed?.querySelector('article');
  if (feed && first && ticks % 3 === 0) feed.append(first.cloneNode(true));
}

setInterval(churn, CHURN_INTERVAL_MS);

export {};
