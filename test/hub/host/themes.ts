/**
 * Theme variables the test host sends in the handshake, as the portal does: the light set is
 * azure-devops-ui's own defaults; the dark set inverts the neutrals and uses white alphas, the way
 * the portal's dark theme does, so the hub's reliance on host variables (not its own colours) shows.
 */
import light from '../../../node_modules/azure-devops-ui/buildScripts/cssDefaults.json';

const neutrals: Record<string, string> = {
  'palette-neutral-100': '255, 255, 255',
  'palette-neutral-80': '222, 222, 222',
  'palette-neutral-70': '200, 200, 200',
  'palette-neutral-60': '166, 166, 166',
  'palette-neutral-30': '102, 102, 102',
  'palette-neutral-20': '79, 79, 79',
  'palette-neutral-10': '60, 60, 60',
  'palette-neutral-8': '51, 51, 51',
  'palette-neutral-6': '47, 47, 47',
  'palette-neutral-4': '41, 41, 41',
  'palette-neutral-2': '35, 35, 35',
  'palette-neutral-0': '30, 30, 30',
};

const alphas = Object.fromEntries(
  Object.entries(light)
    .filter(([k]) => k.startsWith('palette-black-alpha-'))
    .map(([k, v]) => [k, String(v).replace('rgba(0, 0, 0,', 'rgba(255, 255, 255,')]),
);

export const LIGHT: Record<string, string> = { ...light };

export const DARK: Record<string, string> = {
  ...light,
  ...neutrals,
  ...alphas,
  'palette-primary': '40, 153, 245',
  'palette-primary-tint-10': '28, 90, 140',
  'palette-primary-tint-20': '23, 62, 96',
  'palette-primary-tint-30': '20, 45, 68',
  'palette-primary-tint-40': '18, 35, 52',
  'communication-foreground': 'rgba(64, 169, 255, 1)',
  'communication-background': 'rgba(40, 153, 245, 1)',
  'background-color': 'rgba(30, 30, 30, 1)',
  'text-primary-color': 'rgba(255, 255, 255, .9)',
  'text-secondary-color': 'rgba(255, 255, 255, .6)',
  'text-disabled-color': 'rgba(255, 255, 255, .38)',
  'border-subtle-color': 'rgba(255, 255, 255, .12)',
  'callout-background-color': 'rgba(37, 37, 37, 1)',
  'callout-filtered-background-color': 'rgba(37, 37, 37, 0.86)',
  'callout-shadow-color': 'rgba(0, 0, 0, .5)',
  'callout-shadow-secondary-color': 'rgba(0, 0, 0, .4)',
  'panel-shadow-color': 'rgba(0, 0, 0, .6)',
  'panel-shadow-secondary-color': 'rgba(0, 0, 0, .5)',
  'status-error-foreground': 'rgba(241, 112, 123, 1)',
  'status-error-background': 'rgba(68, 39, 38, 1)',
  'status-success-foreground': 'rgba(84, 176, 96, 1)',
  'status-success-background': 'rgba(57, 61, 27, 1)',
  'status-warning-text': 'rgba(252, 225, 0, 1)',
  'status-warning-background': 'rgba(67, 53, 25, 1)',
  'component-menu-selected-item-background': 'rgba(51, 51, 51, 1)',
  'component-grid-row-hover-color': 'rgba(255, 255, 255, .04)',
  'component-grid-selected-row-color': 'rgba(23, 62, 96, 1)',
  'component-grid-link-selected-row-color': 'rgba(64, 169, 255, 1)',
  'component-grid-link-hover-color': 'rgba(64, 169, 255, 1)',
  'component-grid-action-hover-color': 'rgba(60, 60, 60, 1)',
  'component-grid-cell-bottom-border-color': 'rgba(255, 255, 255, .08)',
  'component-label-default-color': 'rgba(51, 51, 51, 1)',
  'component-label-default-color-hover': 'rgba(79, 79, 79, 1)',
  'nav-header-background': 'rgba(30, 30, 30, 1)',
  'nav-header-text-primary-color': 'rgba(255, 255, 255, .9)',
  'nav-header-text-secondary-color': 'rgba(255, 255, 255, .6)',
  'focus-border-color': 'rgba(40, 153, 245, 1)',
};
