import type { CatalogEntry } from '../types';
import storageAccount from './storage-account';
import eventHubs from './event-hubs';
import iotHub from './iot-hub';
import streamAnalytics from './stream-analytics';
import machineLearning from './machine-learning';
import powerBi from './power-bi';
import cosmosDb from './cosmos-db';
import dataShare from './data-share';
import purview from './purview';
import synapsePipelines from './synapse-pipelines';
import synapseDataExplorerPools from './synapse-data-explorer-pools';
import synapseSparkPools from './synapse-spark-pools';
import synapseSqlPools from './synapse-sql-pools';
import cognitiveServices from './cognitive-services';
import cognitiveSearch from './cognitive-search';
import databricks from './databricks';
import analysisServices from './analysis-services';
import mysqlFlexible from './mysql-flexible';
import mysqlSingle from './mysql-single';
import sqlDatabase from './sql-database';
import sqlManagedInstance from './sql-managed-instance';
import sqlVirtualMachines from './sql-virtual-machines';
import dataFactory from './data-factory';
import functions from './functions';

/** Data-platform services, the article's "other key services" and its stateful/stateless examples. */
export const DATA_PLATFORM_SERVICES: readonly CatalogEntry[] = [
  storageAccount,
  eventHubs,
  iotHub,
  streamAnalytics,
  machineLearning,
  powerBi,
  cosmosDb,
  dataShare,
  purview,
  synapsePipelines,
  synapseDataExplorerPools,
  synapseSparkPools,
  synapseSqlPools,
  cognitiveServices,
  cognitiveSearch,
  databricks,
  analysisServices,
  mysqlFlexible,
  mysqlSingle,
  sqlDatabase,
  sqlManagedInstance,
  sqlVirtualMachines,
  dataFactory,
  functions,
];
