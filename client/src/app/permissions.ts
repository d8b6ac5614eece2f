/** The role table is shared with the server, which enforces it; screens use it only to hide what would be refused. */
export { can, type Permission } from '@diemcau/shared';
