import type { PageProps } from '../App';
import { Empty } from '../components/States';

export default function MySurveys(_: PageProps) {
  return <Empty>This page is coming soon.</Empty>;
}
