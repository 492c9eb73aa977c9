// The global nav's "Me" menu opens and closes like LinkedIn's; its links are in the DOM either way.

const button = document.querySelector<HTMLButtonElement>('button[aria-controls="global-nav-me-menu"]');
const menu = document.getElementById('global-nav-me-menu');

if (button && menu) {
  const setOpen = (open: boolean): void => {
    menu.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
  };
  button.addEventListener('click', (event) => {
    event.stopPropagation();
    setOpen(menu.hidden);
  });
  document.addEventListener('click', (event) => {
    if (!menu.contains(event.target as Node)) setOpen(false);
  });
}

export {};
