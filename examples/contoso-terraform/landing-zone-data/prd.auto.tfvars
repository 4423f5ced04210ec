lake_replication_type = "LRS"
