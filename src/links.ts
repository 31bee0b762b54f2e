import { invitePath } from '../contract';

/**
 * The https origin whose links open the mini-program (微信公众平台 → 开发管理 → 开发设置 → 扫普通链接二维码打开小程序:
 * rule prefix `<origin>/packages/invite/accept`, page `packages/invite/accept`; docs/DEPLOY.md). The
 * domain must be the environment's own, verified there: replace it before release. WeChat's scanner
 * opens the page with the whole link in the `q` option; any other scanner opens the link in a browser.
 */
export const INVITE_LINK_ORIGIN = 'https://xfjy.fushan.example.cn';

/** What an invitation's QR code encodes: the accept page's path as a link. */
export function inviteLink(code: string): string {
  return `${INVITE_LINK_ORIGIN}/${invitePath(code)}`;
}
