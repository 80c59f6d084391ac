/**
 * The pages of people and friends, loaded together as one chunk on first use: they share most
 * of their code (the lists of people, avatars, friendship actions), and one chunk is one name
 * less for the first page's code to carry.
 */
export { FriendsPage } from "../pages/FriendsPage.tsx";
export { PeoplePage } from "../pages/PeoplePage.tsx";
export { PersonPage } from "../pages/PersonPage.tsx";
